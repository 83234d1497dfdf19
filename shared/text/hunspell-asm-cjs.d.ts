/** Types of hunspell-asm's CommonJS build, which spell-engine.ts imports (see why there). */
declare module 'hunspell-asm/dist/cjs/index.js' {
  export * from 'hunspell-asm';
}
