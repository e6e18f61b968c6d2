#!/usr/bin/env node
// The published command: the CLI itself is bundled into dist/ by `npm run build`.
import { createRequire } from 'node:module';

createRequire(import.meta.url)('../dist/cli.js');
