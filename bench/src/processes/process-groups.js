/** Which processes each measured role is made of, looked up again at every sample. */
import { childPids, commandLine, processesNamed } from './proc-stats.js';

/**
 * @typedef {object} ProcessGroup
 * @property {string} name
 * @property {() => number[]} pids the group's live members now
 * @property {'rss' | 'pss'} memory `pss` for groups sharing memory, so shared pages count once
 */

/** @param {string} name @param {number} pid @returns {ProcessGroup} */
export function singleProcess(name, pid) {
  return { name, pids: () => [pid], memory: 'rss' };
}

const CLIENT_BACKEND_TITLE = /\(\d+\)|\[local\]/;

/** The postmasters on this machine (postgres processes whose parent is not one). */
function postmasters() {
  const postgres = processesNamed('postgres');
  const postgresPids = new Set(postgres.map(({ pid }) => pid));
  return postgres.filter(({ parentPid }) => !postgresPids.has(parentPid)).map(({ pid }) => pid);
}

/** The backends serving clients connected to `database`. @param {string} database */
export function clientBackendsOf(database) {
  return postmasters().flatMap((postmaster) =>
    childPids(postmaster).filter((pid) => {
      const title = commandLine(pid);
      return CLIENT_BACKEND_TITLE.test(title) && title.split(' ').includes(database);
    }),
  );
}

/**
 * The postmaster, its background processes, and the backends connected to `database`; backends of other
 * databases (other engineers' tests on the same server) are left out.
 * @param {string} database
 * @returns {ProcessGroup}
 */
export function postgresServing(database) {
  return {
    name: 'postgres',
    memory: 'pss',
    pids: () => {
      const servers = postmasters();
      const members = servers.flatMap((postmaster) =>
        childPids(postmaster).filter((pid) => {
          const title = commandLine(pid);
          return !CLIENT_BACKEND_TITLE.test(title) || title.split(' ').includes(database);
        }),
      );
      return [...servers, ...members];
    },
  };
}

/** @returns {ProcessGroup} */
export function redisServer() {
  return { name: 'redis', memory: 'rss', pids: () => processesNamed('redis-server').map(({ pid }) => pid) };
}
