// Property tests run the same cases on every run, so a CI run never fails by luck:
// a fixed seed, unless FC_SEED asks for another (to explore: FC_SEED=$RANDOM npm test).
// A counterexample is reported with its seed, so a failure found either way replays.
import fc from 'fast-check';

const seed = process.env.FC_SEED === undefined ? 20261202 : Number(process.env.FC_SEED);
fc.configureGlobal({ ...fc.readConfigureGlobal(), seed });
