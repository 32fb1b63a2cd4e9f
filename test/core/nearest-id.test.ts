import { expect, test } from 'vitest';
import { didYouMean, editDistance, nearestId } from '../../src/core/nearest-id.js';

const ids = ['plugin-registry', 'algorithm-registry', 'config-mapping', 'cache', 'immediate'];

test('suggests the closest plausible id, or nothing', () => {
  expect(nearestId('plugin-regsitry', ids)).toBe('plugin-registry');
  expect(nearestId('Cache', ids)).toBe('cache');
  expect(nearestId('config', ids)).toBe('config-mapping');
  expect(nearestId('zzz', ids)).toBeUndefined();
  expect(didYouMean('imediate', ids)).toBe('did you mean "immediate"?');
  expect(didYouMean('totally-else', ids)).toBe('');
  expect(editDistance('kitten', 'sitting')).toBe(3);
});
