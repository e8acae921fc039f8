#!/usr/bin/env node
// The CLI bundled by esbuild (`npm run build`): one file per command, loaded when it runs.
import { main } from '../dist/bundle/main.js';

main(process.argv).then((code) => { process.exitCode = code; });
