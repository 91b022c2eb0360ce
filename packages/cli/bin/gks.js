#!/usr/bin/env node
// Runs the compiled CLI; `npm install` builds it (the root "prepare" script runs `tsc -b`).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
