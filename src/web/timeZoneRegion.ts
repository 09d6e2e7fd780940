import type { Region } from './types.js';

/**
 * Where the game's data centers would put someone living in `timeZone`. Asia outside Japan plays mostly on the Japanese
 * and Oceanian data centers; Japan's is the nearer for most. A zone that names no place (UTC) gets North America,
 * the largest region.
 */
export function regionOfTimeZone(timeZone: string): Region {
  const [area = ''] = timeZone.split('/');
  if (timeZone === 'Pacific/Honolulu' || ['America', 'US', 'Canada'].includes(area)) return 'na';
  if (['Europe', 'Africa', 'Atlantic', 'Arctic'].includes(area)) return 'eu';
  if (['Australia', 'Pacific', 'Antarctica'].includes(area)) return 'oc';
  if (area === 'Asia' || area === 'Indian' || timeZone === 'Japan') return 'jp';
  return 'na';
}
