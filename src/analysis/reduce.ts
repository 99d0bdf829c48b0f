import {
  cholInverse,
  gram,
  matmulRows,
  multiplyUpperRows,
  symmetricEigen,
  upperTransposed,
} from './linalg.js';
import { createRng, gaussian, sampleIndices } from './random.js';
import { selectRows, spmmRows, transpose, type Csr } from './sparse.js';

/** Latent semantic analysis: the top right singular vectors of the TF-IDF matrix. */
export interface LsaModel {
  /** Number of components actually kept (may be below the request on tiny corpora). */
  readonly dims: number;
  readonly nTerms: number;
  /**
   * nTerms x dims row-major: row j holds term j's loadings on the dims right singular vectors
   * (column i is the i-th singular vector, unit length). Term-major so projecting a sparse row
   * reads contiguous memory.
   */
  readonly components: Float32Array;
  readonly singularValues: Float32Array;
}

export interface LsaOptions {
  readonly dims: number;
  readonly seed: number;
  /** Subspace (power) iterations; 3-4 are enough for the slowly decaying spectra of text. */
  readonly powerIterations: number;
  readonly oversample: number;
  /**
   * Fit the subspace on at most this many (seeded, sampled) documents, then project all.
   * The top singular directions of a few thousand abstracts are those of the whole corpus up
   * to noise, and the fit is the costliest step; this keeps it bounded as corpora grow.
   */
  readonly sampleSize: number;
}

/**
 * The products of the fit, each split by rows (or fixed row chunks) when helpers are there;
 * the default runs in the calling thread. The sparse x dense factor is single precision: its
 * rows are read in random order, so the product is memory-bound and half the bytes is nearly
 * half the time; accumulation and the orthonormalisations stay in double precision.
 */
export interface LsaKernels {
  /** m (sparse) x d (m.nCols x l, row-major). */
  spmm(m: Csr, d: Float32Array, l: number): Promise<Float64Array>;
  /** Y^T Y for Y (n x l), as `gram` in linalg.ts (same bits for any split). */
  gram(y: Float64Array, n: number, l: number): Promise<Float64Array>;
  /** Y := Y U in place, given `ut` = U^T of an upper-triangular U (l x l). */
  multiplyUpper(y: Float64Array, n: number, l: number, ut: Float64Array): Promise<void>;
  /** A (n x l) x B (l x m), given `bt` = B^T. */
  matmul(a: Float64Array, n: number, l: number, bt: Float64Array, m: number): Promise<Float64Array>;
}

export const serialKernels: LsaKernels = {
  spmm: (m, d, l) => {
    const out = new Float64Array(m.nRows * l);
    spmmRows(m, d, l, out);
    return Promise.resolve(out);
  },
  gram: (y, n, l) => Promise.resolve(gram(y, n, l)),
  multiplyUpper: (y, n, l, ut) => {
    multiplyUpperRows(y, l, ut, 0, n);
    return Promise.resolve();
  },
  matmul: (a, n, l, bt, m) => {
    const out = new Float64Array(n * m);
    matmulRows(a, l, bt, m, out, 0, n);
    return Promise.resolve(out);
  },
};

/** `orthonormalize` of linalg.ts (same bits) with the row-wise products on `k`. */
async function orthonormalizeWith(k: LsaKernels, y: Float64Array, n: number, l: number): Promise<void> {
  for (let pass = 0; pass < 2; pass++) {
    const c = cholInverse(await k.gram(y, n, l), l);
    await k.multiplyUpper(y, n, l, upperTransposed(c.rinv, l));
    if (c.wellConditioned) break;
  }
}

/**
 * Randomized truncated SVD (Halko, Martinsson & Tropp 2011, alg. 4.4) of X (n x V), given X
 * and its transpose. Returns the model and the documents' reduced vectors X V_k, L2-normalised.
 */
export async function fitLsa(
  all: Csr,
  opts: LsaOptions,
  kernels: LsaKernels = serialKernels,
): Promise<{ model: LsaModel; vectors: Float32Array }> {
  const x =
    all.nRows > opts.sampleSize
      ? selectRows(all, sampleIndices(all.nRows, opts.sampleSize, createRng(opts.seed ^ 0x1a5)))
      : all;
  const xt = transpose(x);
  const n = x.nRows;
  const nTerms = x.nCols;
  const l = Math.max(1, Math.min(opts.dims + opts.oversample, n, nTerms));
  const rng = createRng(opts.seed ^ 0x5eed);
  const omega = new Float32Array(nTerms * l);
  for (let i = 0; i < omega.length; i++) omega[i] = gaussian(rng);
  let y = await kernels.spmm(x, omega, l);
  await orthonormalizeWith(kernels, y, n, l);
  for (let it = 0; it < opts.powerIterations; it++) {
    // Only the n-side basis is re-orthonormalised: Z = X^T Q inherits Q's conditioning, and
    // the term side is usually far larger (orthonormalising it would dominate the cost).
    const z = await kernels.spmm(xt, new Float32Array(y), l);
    y = await kernels.spmm(x, new Float32Array(z), l);
    await orthonormalizeWith(kernels, y, n, l);
  }
  // B^T = X^T Q (V x l); the SVD of B follows from the eigen-decomposition of B B^T = Z^T Z.
  const z = await kernels.spmm(xt, new Float32Array(y), l);
  const eig = symmetricEigen(await kernels.gram(z, nTerms, l), l);
  const top = eig.values[0] ?? 0;
  let dims = 0;
  while (dims < Math.min(opts.dims, l) && (eig.values[dims] ?? 0) > top * 1e-10 && top > 0) dims++;
  dims = Math.max(dims, 1);
  const sigma = new Float64Array(dims);
  // Right singular vectors: V = Z W S^-1 = X^T (Q W S^-1) (V x dims), with W S^-1 given
  // transposed (dims x l). The second form is an n x l by l x dims product and one sparse
  // product, where the first is a V x l by l x dims product: V is several times n for text.
  const wt = new Float64Array(dims * l);
  for (let i = 0; i < dims; i++) {
    sigma[i] = Math.sqrt(Math.max(eig.values[i] ?? 0, 0));
    const s = sigma[i] ?? 0;
    const inv = s > 0 ? 1 / s : 0;
    for (let r = 0; r < l; r++) wt[i * l + r] = (eig.vectors[r * l + i] ?? 0) * inv;
  }
  const qw = await kernels.matmul(y, n, l, wt, dims);
  const vz = await kernels.spmm(xt, new Float32Array(qw), dims);
  // Sign convention (like scikit-learn's svd_flip): the largest-magnitude loading is positive.
  const big = new Float64Array(dims);
  for (let j = 0; j < nTerms; j++) {
    for (let i = 0; i < dims; i++) {
      const val = vz[j * dims + i] ?? 0;
      if (Math.abs(val) > Math.abs(big[i] ?? 0)) big[i] = val;
    }
  }
  const sign = Float64Array.from(big, (b) => (b < 0 ? -1 : 1));
  const components = new Float32Array(dims * nTerms);
  for (let j = 0; j < nTerms; j++) {
    for (let i = 0; i < dims; i++) components[j * dims + i] = (vz[j * dims + i] ?? 0) * (sign[i] ?? 1);
  }
  const model: LsaModel = { dims, nTerms, components, singularValues: Float32Array.from(sigma) };
  // Every paper's vector X V_k, as one more row-parallel product, then unit rows.
  const reduced = await kernels.spmm(all, components, dims);
  const vectors = new Float32Array(all.nRows * dims);
  for (let r = 0; r < all.nRows; r++) {
    let s = 0;
    for (let i = 0; i < dims; i++) s += (reduced[r * dims + i] ?? 0) ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let i = 0; i < dims; i++) vectors[r * dims + i] = (reduced[r * dims + i] ?? 0) * inv;
  }
  return { model, vectors };
}

/** Reduced vectors X V_k of sparse rows, each L2-normalised (zero rows stay zero). */
export function projectRows(x: Csr, model: LsaModel): Float32Array {
  const { dims, nTerms, components } = model;
  const out = new Float32Array(x.nRows * dims);
  const acc = new Float64Array(dims);
  for (let r = 0; r < x.nRows; r++) {
    acc.fill(0);
    const end = x.indptr[r + 1] ?? 0;
    for (let p = x.indptr[r] ?? 0; p < end; p++) {
      const col = x.indices[p] ?? 0;
      if (col >= nTerms) continue;
      const v = x.values[p] ?? 0;
      const o = col * dims;
      for (let i = 0; i < dims; i++) acc[i] = (acc[i] ?? 0) + v * (components[o + i] ?? 0);
    }
    let norm = 0;
    for (let i = 0; i < dims; i++) norm += (acc[i] ?? 0) ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < dims; i++) out[r * dims + i] = (acc[i] ?? 0) * inv;
  }
  return out;
}
