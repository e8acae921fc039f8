/**
 * `a2psim rules`: a provider's rulebook — limits, caps, failure codes and assumptions, with
 * their sources — in one of the rulebook formats (report/formats.ts).
 */
import { RULEBOOK_FORMATS, type RulebookFormat } from '../../report/formats.js';
import { PROVIDERS, type ProviderId } from '../../rules/providers.js';
import { EXIT } from '../cli-errors.js';
import type { CliIo } from '../io/cli-io.js';
import { outWidth } from '../io/terminal.js';

/** Options of `rules`, as its options parse them. */
export interface RulesOptions {
  /** Every column, with the source of every row. */
  readonly wide?: boolean;
  readonly provider: ProviderId;
  readonly format: RulebookFormat;
}

/** The `rules` command. Returns the exit code. */
export async function rulesCommand(opts: RulesOptions, io: CliIo): Promise<number> {
  io.stdout(await RULEBOOK_FORMATS[opts.format](PROVIDERS[opts.provider], { wide: opts.wide === true, width: outWidth(io) }));
  return EXIT.ok;
}
