// No partition is owned by two members of one Stable group (AS: each partition at most one owner).
import type { StateInvariant } from './invariant.ts';

export const oneOwnerPerPartition: StateInvariant = {
  name: 'one-owner-per-partition',
  check(state) {
    for (const group of state.groups) {
      if (group.state !== 'Stable') continue;
      const owner = new Map<string, string>();
      for (const member of group.members)
        for (const tp of member.assignment)
          for (const partition of tp.partitions) {
            const key = `${tp.topic}-${partition}`;
            const other = owner.get(key);
            if (other !== undefined && other !== member.client)
              return `${group.group}: ${key} owned by ${other} and ${member.client}`;
            owner.set(key, member.client);
          }
    }
    return undefined;
  },
};
