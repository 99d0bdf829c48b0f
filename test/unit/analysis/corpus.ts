import type { AnalysisDoc } from '../../../src/analysis/index.js';

/**
 * Hand-written corpus of three unmistakable themes, two papers' worth of words each, used as
 * the golden corpus: every paper's theme is known, so topics and neighbours can be checked.
 */
export const THEMES: Record<string, AnalysisDoc[]> = {
  astro: [
    {
      id: 'a1',
      title: 'Galaxies and dark matter halos',
      abstract:
        'We measure rotation curves of spiral galaxies and infer dark matter halos. Galaxy surveys constrain halo mass.',
    },
    {
      id: 'a2',
      title: 'Dark matter in dwarf galaxies',
      abstract:
        'Dwarf galaxies are dominated by dark matter. Their rotation curves probe halo density profiles.',
    },
    {
      id: 'a3',
      title: 'Galaxy clusters and lensing',
      abstract: 'Gravitational lensing by galaxy clusters maps dark matter. Cluster galaxies trace the halo.',
    },
    {
      id: 'a4',
      title: 'Stellar streams around galaxies',
      abstract:
        'Stellar streams orbit the halo of galaxies and reveal dark matter substructure and rotation.',
    },
  ],
  protein: [
    {
      id: 'p1',
      title: 'Protein folding with molecular dynamics',
      abstract:
        'Molecular dynamics simulations of protein folding reveal folding pathways and protein stability.',
    },
    {
      id: 'p2',
      title: 'Protein structure prediction',
      abstract:
        'We predict protein structure from amino acid sequences. Folding stability depends on the sequence.',
    },
    {
      id: 'p3',
      title: 'Amino acid mutations and protein stability',
      abstract: 'Mutations of amino acid residues change protein stability and folding of the protein.',
    },
    {
      id: 'p4',
      title: 'Folding kinetics of small proteins',
      abstract:
        'Small proteins fold fast; molecular dynamics captures folding kinetics and amino acid contacts.',
    },
  ],
  robots: [
    {
      id: 'r1',
      title: 'Robot grasping with tactile sensors',
      abstract: 'A robot arm grasps objects using tactile sensors. Grasping policies learn from touch.',
    },
    {
      id: 'r2',
      title: 'Legged robot locomotion',
      abstract: 'Legged robots learn locomotion policies in simulation and transfer them to the real robot.',
    },
    {
      id: 'r3',
      title: 'Robot manipulation policies',
      abstract:
        'Manipulation policies let a robot arm grasp and place objects; tactile feedback helps grasping.',
    },
    {
      id: 'r4',
      title: 'Sim-to-real transfer for robot arms',
      abstract: 'Policies trained in simulation transfer to a real robot arm for grasping and locomotion.',
    },
  ],
};

export const GOLDEN: AnalysisDoc[] = Object.values(THEMES).flat();
export const THEME_OF = new Map(
  Object.entries(THEMES).flatMap(([t, docs]) => docs.map((d) => [d.id, t] as const)),
);

const POOLS = [
  ['galaxy', 'halo', 'stellar', 'cosmic', 'redshift', 'telescope', 'quasar', 'nebula', 'supernova', 'orbit'],
  ['protein', 'enzyme', 'folding', 'peptide', 'residue', 'ligand', 'binding', 'genome', 'mutation', 'cell'],
  [
    'robot',
    'gripper',
    'locomotion',
    'actuator',
    'tactile',
    'trajectory',
    'manipulator',
    'servo',
    'drone',
    'legged',
  ],
  [
    'theorem',
    'lemma',
    'manifold',
    'algebra',
    'topology',
    'homology',
    'polynomial',
    'conjecture',
    'group',
    'ring',
  ],
];

/** A synthetic corpus: each doc draws most of its words from one theme's pool. */
export function syntheticCorpus(
  seeds: number[],
  themes = POOLS.length,
): { docs: AnalysisDoc[]; theme: number[] } {
  const docs: AnalysisDoc[] = [];
  const theme: number[] = [];
  seeds.forEach((s, i) => {
    const t = i % themes;
    const pool = POOLS[t] ?? [];
    const other = POOLS[(t + 1) % themes] ?? [];
    const words: string[] = [];
    let x = (s >>> 0) + 1;
    for (let w = 0; w < 24; w++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const src = x % 10 < 8 ? pool : other;
      words.push(src[(x >>> 8) % src.length] ?? 'x');
    }
    docs.push({ id: `d${i}`, title: words.slice(0, 4).join(' '), abstract: words.slice(4).join(' ') });
    theme.push(t);
  });
  return { docs, theme };
}
