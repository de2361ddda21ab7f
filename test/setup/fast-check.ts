import fc from "fast-check";

/**
 * Property tests run on a fixed seed by default, so that `npm test` (and CI) is reproducible: a failure is a
 * failure on every machine. To explore further, run with another seed (`FC_SEED=123 npm run test:unit`) or a
 * fresh one each time (`FC_SEED=random`); a failure prints its seed and path to replay it.
 */
const chosen = process.env.FC_SEED;
if (chosen !== "random") fc.configureGlobal({ seed: chosen === undefined ? 20_261_125 : Number(chosen) });
