/**
 * lib/data: loaders of the small data sets shipped by npm packages, selected and split with the project's seeded
 * generator (never Math.random).
 * @module
 */
export * from "./mnist.ts";
export * from "./label_noise.ts";
export * from "./text.ts";
