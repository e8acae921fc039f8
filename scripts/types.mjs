// The library's type declarations (`npm run types`, part of `npm run build`): tsc writes one
// .d.ts per module reachable from src/api/index.ts into dist/decl (tsconfig.lib.json), and
// API Extractor rolls them into the one file the package ships, dist/index.d.ts, with
// only the declarations the library's exports use. 130 files would not fit the package's
// size budget (test/package/pack.test.ts), and the rolled-up file needs none of dist/decl.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = resolve(import.meta.dirname, '..');
const config = ExtractorConfig.prepare({
  configObject: {
    projectFolder: root,
    mainEntryPointFilePath: '<projectFolder>/dist/decl/api/index.d.ts',
    compiler: { tsconfigFilePath: '<projectFolder>/tsconfig.lib.json' },
    dtsRollup: { enabled: true, untrimmedFilePath: '<projectFolder>/dist/index.d.ts' },
    apiReport: { enabled: false },
    docModel: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      // Warnings about TSDoc style and about exports of unexported types are not errors here;
      // anything else (a declaration it cannot roll up) fails the build.
      tsdocMessageReporting: { default: { logLevel: 'none' } },
      extractorMessageReporting: { default: { logLevel: 'none' } },
      compilerMessageReporting: { default: { logLevel: 'error' } },
    },
  },
  configObjectFullPath: resolve(root, 'api-extractor.json'),
  packageJsonFullPath: resolve(root, 'package.json'),
});
const result = Extractor.invoke(config, { localBuild: true, showVerboseMessages: false });
if (!result.succeeded) {
  console.error(`api-extractor: ${result.errorCount} errors`);
  process.exit(1);
}
rmSync(resolve(root, 'dist/decl'), { recursive: true, force: true });
