import { loadCloudModule } from './cloud.js';

/**
 * The service's seeded generator (mulberry32, the one the demo district is drawn with), from its build:
 * the same seed gives the same data on every run.
 */
export const { seededRandom } = await loadCloudModule<{ seededRandom(seed: number): () => number }>('common/random/seeded-random.js');
