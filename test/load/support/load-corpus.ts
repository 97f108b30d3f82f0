import { packument, type Packument } from '../../integration/cache/packument-server';

/** What a test checks of each document it gets back. */
export interface Expected {
  readonly doc: Packument;
  readonly versions: number;
  readonly latest: string;
}

/**
 * `count` generated packuments, the same on every run, shaped like the bench
 * corpus (../shared/bench-corpus): mostly a few kB to a few tens of kB, with
 * 1 to 120 versions, and one in sixty of about 1.5 MB, so some bodies arrive
 * in many chunks. Generated rather than read from the corpus, which is for
 * benchmarks only and is not part of this repository.
 */
export function loadCorpus(count: number): Expected[] {
  return Array.from({ length: count }, (_, i) => {
    const name = i % 10 === 0 ? `load-pkg-${i}.js` : `load-pkg-${i}`;
    const versions = Array.from({ length: 1 + ((i * 37) % 120) }, (_, v) => `${1 + Math.floor(v / 10)}.${v % 10}.0`);
    const readmeBytes = i % 60 === 59 ? 1_500_000 : 500 + ((i * 7919) % 40) * 1000;
    const doc = packument(name, versions, { readmeBytes });
    return { doc, versions: versions.length, latest: versions[versions.length - 1] };
  });
}
