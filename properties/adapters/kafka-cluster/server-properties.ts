// One node's server.properties: its roles, listeners on 127.0.0.1, the static controller quorum,
// its data and metadata directories (apart, see layout.ts), then the cluster's settings.
import { type ClusterLayout, type NodeLayout, nodeDataDir, nodeMetadataDir } from './layout.ts';

export function serverProperties(layout: ClusterLayout, node: NodeLayout): string {
  const voters = layout.nodes
    .filter((n) => n.controllerPort !== null)
    .map((n) => `${n.id}@127.0.0.1:${n.controllerPort}`)
    .join(',');
  const listeners = [
    ...(node.port !== null ? [`PLAINTEXT://127.0.0.1:${node.port}`] : []),
    ...(node.controllerPort !== null ? [`CONTROLLER://127.0.0.1:${node.controllerPort}`] : []),
  ];
  const lines: Record<string, string> = {
    'process.roles': node.roles.join(','),
    'node.id': String(node.id),
    'controller.quorum.voters': voters,
    'controller.listener.names': 'CONTROLLER',
    listeners: listeners.join(','),
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    ...(node.port !== null
      ? {
          'advertised.listeners': `PLAINTEXT://127.0.0.1:${node.port}`,
          'inter.broker.listener.name': 'PLAINTEXT',
        }
      : {}),
    'log.dirs': nodeDataDir(node),
    'metadata.log.dir': nodeMetadataDir(node),
    ...layout.settings,
  };
  return `${Object.entries(lines)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}
