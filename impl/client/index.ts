// The low-level Kafka client: any request at any version over one connection.
export { ConnectionClosedError, KafkaConnection, type RequestOptions } from './connection.ts';
