#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx's loader: one build, no compile step.
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
