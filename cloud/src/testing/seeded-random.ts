// The generator moved to common/ when the demo seeder (production code) started to use it; tests keep this path.
export { seededRandom } from '../common/random/seeded-random.js';
