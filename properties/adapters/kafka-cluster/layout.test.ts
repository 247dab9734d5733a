import test from 'ava';
import { type ClusterLayout, planNodes, portsNeeded } from './layout.ts';
import { serverProperties } from './server-properties.ts';

const layoutOf = (shape: 'split' | 'combined'): ClusterLayout => ({
  clusterId: 'AAAAAAAAAAAAAAAAAAAAAA',
  shape,
  dataDir: '/tmp/kspec-kafka-x',
  nodes: planNodes('/tmp/kspec-kafka-x', 3, shape, [9000, 9001, 9002, 9003, 9004, 9005]),
  settings: { 'min.insync.replicas': '2' },
  classpath: '',
});

test('split: brokers 0..N-1 on PLAINTEXT, one controller N, metadata apart from the data', (t) => {
  const layout = layoutOf('split');
  t.is(portsNeeded(3, 'split'), 4);
  t.deepEqual(
    layout.nodes.map((n) => [n.id, n.roles.join('+')]),
    [
      [0, 'broker'],
      [1, 'broker'],
      [2, 'broker'],
      [3, 'controller'],
    ],
  );
  const broker = serverProperties(layout, layout.nodes[1]!);
  t.regex(broker, /^process\.roles=broker$/m);
  t.regex(broker, /^controller\.quorum\.voters=3@127\.0\.0\.1:9003$/m);
  t.regex(broker, /^advertised\.listeners=PLAINTEXT:\/\/127\.0\.0\.1:9001$/m);
  t.regex(broker, /^log\.dirs=\/tmp\/kspec-kafka-x\/node-1\/data$/m);
  t.regex(broker, /^metadata\.log\.dir=\/tmp\/kspec-kafka-x\/node-1\/metadata$/m);
  t.regex(broker, /^min\.insync\.replicas=2$/m);
  t.notRegex(serverProperties(layout, layout.nodes[3]!), /PLAINTEXT:\/\//);
});

test('combined: every node is a voter and a broker', (t) => {
  const layout = layoutOf('combined');
  t.is(portsNeeded(3, 'combined'), 6);
  const node = serverProperties(layout, layout.nodes[2]!);
  t.regex(node, /^process\.roles=broker,controller$/m);
  t.regex(node, /^controller\.quorum\.voters=0@127\.0\.0\.1:9001,1@127\.0\.0\.1:9003,2@127\.0\.0\.1:9005$/m);
  t.regex(node, /^listeners=PLAINTEXT:\/\/127\.0\.0\.1:9004,CONTROLLER:\/\/127\.0\.0\.1:9005$/m);
});
