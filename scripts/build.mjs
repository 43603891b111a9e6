// Builds everything the app runs: main-process bundles (esbuild) and the renderer (Vite).
import { build as viteBuild } from 'vite';
import { buildMain } from './build-main.mjs';

await buildMain();
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('Built out/main and out/renderer');
