#!/usr/bin/env node
// `npm run docs`: writes docs/rules.md from the built catalogue (dist/).
import { mkdirSync, writeFileSync } from 'node:fs';
import { rulesMarkdown } from '../dist/index.js';

const target = new URL('../docs/rules.md', import.meta.url);
mkdirSync(new URL('../docs/', import.meta.url), { recursive: true });
writeFileSync(target, rulesMarkdown());
console.log('wrote docs/rules.md');
