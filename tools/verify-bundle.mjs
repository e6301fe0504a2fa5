#!/usr/bin/env node
// Verifies a mishen-bundle/1 folder on any machine with Node ≥ 20 and nothing installed.
// Copy this file with verify-bundle-core.mjs and verify-bundle-node.mjs.
//   node verify-bundle.mjs <导出包文件夹> --trust sha256:<单位密钥指纹>
// Exit status: 0 valid, 1 invalid, 2 unreadable or wrong arguments.
import { runVerifyCli } from './verify-bundle-node.mjs';

process.exitCode = await runVerifyCli(process.argv.slice(2));
