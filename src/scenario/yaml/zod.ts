/**
 * zod as the scenario schemas use it: with its JIT off. zod compiles a fast parser for
 * each object schema (`new Function`) the first time it parses; a2psim parses each scenario
 * once, so compiling costs more than it saves (about 4 ms of a 3,000-message run's start,
 * issue 16), and compiled code cannot come from Node's compile cache. The results and the
 * messages are the same either way (zod's `jitless` option). Import `z` from here, not from
 * 'zod', in every module that builds a schema at load.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
