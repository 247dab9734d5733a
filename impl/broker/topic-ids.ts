// Topic ids (KIP-516) as kspec answers them: CreateTopics v7 reports the new topic's id. Kafka draws
// a random Uuid per topic incarnation; kspec never deletes or recreates a topic, so one name is one
// incarnation, and the id is derived from the cluster id and the name: the same on every broker,
// after every restart, with nothing to persist. Like Kafka's Uuid.randomUuid it is never the zero
// id, never the metadata topic's id (0, 1) and never text starting with '-' (command-line safety).
import { createHash } from 'node:crypto';

function reserved(id: Buffer): boolean {
  for (let i = 0; i < 15; i++) if (id[i] !== 0) return false;
  return id[15]! <= 1;
}

/** The topic's id in Kafka's text form (URL-safe base64 of 16 bytes, no padding). */
export function topicIdOf(clusterId: string, topic: string): string {
  for (let attempt = 0; ; attempt++) {
    const id = createHash('sha256')
      .update(`${clusterId}\u0000${topic}\u0000${attempt}`)
      .digest()
      .subarray(0, 16);
    const text = id.toString('base64url');
    if (!reserved(id) && !text.startsWith('-')) return text;
  }
}
