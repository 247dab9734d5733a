// A deliberately broken copy of a system: it accepts OffsetCommits carrying a stale generation by
// rewriting them to the group's current generation before they reach the system, and reports the
// generation the client sent. Used to show the checker catches "stale-generation commit accepted"
// in the reference cluster without touching impl/.
import type { Event } from '../../spec/events.ts';
import type { Observation } from '../../spec/observations.ts';
import type { SystemUnderTest } from '../../spec/sut.ts';

export function acceptingStaleCommits(system: SystemUnderTest): SystemUnderTest {
  return {
    capabilities: () => system.capabilities(),
    reset: (setup) => system.reset(setup),
    inspect: system.inspect ? () => system.inspect!() : undefined,
    close: () => system.close(),
    async apply(event: Event, seq: number): Promise<Observation[]> {
      if (event.type !== 'commit' || event.generation < 0 || !system.inspect) return system.apply(event, seq);
      const group = (await system.inspect()).groups.find((g) => g.group === event.group);
      if (!group || group.generation === event.generation) return system.apply(event, seq);
      const observations = await system.apply({ ...event, generation: group.generation }, seq);
      return observations.map((o) =>
        o.type === 'commit-response' && o.request === seq ? { ...o, generation: event.generation } : o,
      );
    },
  };
}
