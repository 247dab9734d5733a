// The settings a `kspec kafka up` cluster starts with, as Kafka server.properties lines: kspec's
// settings names (spec/config.ts) and profiles (properties/profiles.ts) mapped to Kafka's broker
// names, on top of a base sized for a small loopback cluster on a 2-core machine.
import { type Config, parseSetting, type SettingValue, settingByName } from '../../../spec/config.ts';
import { KAFKA_BROKER_NAMES, kafkaBrokerName } from '../../../spec/kafka-broker-names.ts';
import { KafkaClusterError } from './cluster-error.ts';

/**
 * The base every cluster gets. Replication factors follow the broker count (at most 3). Threads are
 * few because several JVMs share 2 cores. broker.session.timeout.ms is lowered from 9 s so a
 * crashed broker is fenced, and its partitions get new leaders, within a run's patience.
 */
export function baseSettings(brokers: number): Record<string, string> {
  const rf = String(Math.min(3, brokers));
  const minIsr = String(Math.min(2, brokers));
  return {
    'default.replication.factor': rf,
    'offsets.topic.replication.factor': rf,
    'offsets.topic.num.partitions': '3',
    'transaction.state.log.replication.factor': rf,
    'transaction.state.log.min.isr': minIsr,
    'transaction.state.log.num.partitions': '3',
    'share.coordinator.state.topic.replication.factor': rf,
    'share.coordinator.state.topic.min.isr': minIsr,
    'group.initial.rebalance.delay.ms': '0',
    'num.network.threads': '2',
    'num.io.threads': '2',
    'background.threads': '2',
    'num.replica.fetchers': '1',
    'num.recovery.threads.per.data.dir': '1',
    'log.cleaner.threads': '1',
    'broker.session.timeout.ms': '6000',
    'broker.heartbeat.interval.ms': '1000',
  };
}

/**
 * A kspec setting (or a profile's) as the broker setting it stands for; undefined for client-side
 * settings (acks, retries, consumer settings, kspec's own), which a cluster does not take.
 */
export function brokerSetting(name: string, value: SettingValue): [string, string] | undefined {
  const setting = settingByName(name);
  if (setting && setting.scope !== 'broker' && setting.scope !== 'topic' && !(name in KAFKA_BROKER_NAMES))
    return undefined;
  return [kafkaBrokerName(name), String(value)];
}

/** The broker-side part of a profile's configuration (client settings are left to kspec validate). */
export function profileSettings(config: Config): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const [name, value] of Object.entries(config)) {
    const mapped = brokerSetting(name, value);
    if (mapped) settings[mapped[0]] = mapped[1];
  }
  return settings;
}

/**
 * `--config key=value` pairs: a kspec setting name is checked against its table and mapped; a
 * client-side one is refused (it belongs to kspec validate); any other name goes to Kafka verbatim,
 * which refuses unknown or bad values at start-up.
 */
export function configArguments(pairs: readonly string[]): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new KafkaClusterError(`--config expects key=value, got '${pair}'`);
    const name = pair.slice(0, at).trim();
    const raw = pair.slice(at + 1).trim();
    const known = settingByName(name);
    let value: SettingValue = raw;
    if (known) {
      try {
        value = parseSetting(name, raw);
      } catch (error) {
        throw new KafkaClusterError((error as Error).message);
      }
    }
    const mapped = brokerSetting(name, value);
    if (!mapped)
      throw new KafkaClusterError(
        `${name} is a ${known?.scope} setting, not a broker's: give it to kspec validate/check (--profile), not to the cluster`,
      );
    settings[mapped[0]] = mapped[1];
  }
  return settings;
}
