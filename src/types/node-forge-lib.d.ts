// node-forge's per-algorithm modules have no type declarations of their own; we only need them
// to load (src/port/forge.ts describes the shape it uses).
declare module 'node-forge/lib/rc2.js';
declare module 'node-forge/lib/des.js';
declare module 'node-forge/lib/aes.js';
declare module 'node-forge/lib/forge.js';
