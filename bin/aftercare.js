#!/usr/bin/env -S node --max-old-space-size=512
// The V8 heap of the server is capped (the line above; `npm start` runs this file through it): with
// node's default on a large machine (a quarter of its memory) V8 lets short-lived garbage pile up to
// hundreds of MB before collecting — an import of 10⁵ rows peaked at 450 MB, 292 MB with the cap.
// Raise it for a big installation: `node --max-old-space-size=2048 bin/aftercare.js serve`.
// The CLI runs the TypeScript sources directly through tsx's loader: one build, no compile step.
import { register } from 'tsx/esm/api';

register();
await import('../server/main.ts');
