/**
 * Compressed sparse rows. Column indices within a row are strictly increasing, so two rows can
 * be merged in linear time.
 */
export interface Csr {
  readonly nRows: number;
  readonly nCols: number;
  /** Row r occupies [indptr[r], indptr[r + 1]) of indices/values; length nRows + 1. */
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** Growable typed buffers for building a Csr row by row. */
export class CsrBuilder {
  private indices = new Int32Array(1024);
  private values = new Float32Array(1024);
  private readonly indptr: number[] = [0];
  private nnz = 0;

  constructor(private readonly nCols: number) {}

  /** Appends one row; `cols` must be strictly increasing. */
  push(cols: ArrayLike<number>, vals: ArrayLike<number>, length: number): void {
    if (this.nnz + length > this.indices.length) {
      const size = Math.max(this.indices.length * 2, this.nnz + length);
      const ni = new Int32Array(size);
      ni.set(this.indices.subarray(0, this.nnz));
      const nv = new Float32Array(size);
      nv.set(this.values.subarray(0, this.nnz));
      this.indices = ni;
      this.values = nv;
    }
    for (let i = 0; i < length; i++) {
      this.indices[this.nnz + i] = cols[i] ?? 0;
      this.values[this.nnz + i] = vals[i] ?? 0;
    }
    this.nnz += length;
    this.indptr.push(this.nnz);
  }

  build(): Csr {
    return {
      nRows: this.indptr.length - 1,
      nCols: this.nCols,
      indptr: Int32Array.from(this.indptr),
      indices: this.indices.slice(0, this.nnz),
      values: this.values.slice(0, this.nnz),
    };
  }
}

/** The transpose, also as Csr (i.e. the CSC form of `m`). Rows of the result stay sorted. */
export function transpose(m: Csr): Csr {
  const counts = new Int32Array(m.nCols + 1);
  const nnz = m.indptr[m.nRows] ?? 0;
  for (let p = 0; p < nnz; p++) {
    const c = (m.indices[p] ?? 0) + 1;
    counts[c] = (counts[c] ?? 0) + 1;
  }
  for (let c = 0; c < m.nCols; c++) counts[c + 1] = (counts[c + 1] ?? 0) + (counts[c] ?? 0);
  const indptr = counts.slice();
  const next = counts.slice(0, m.nCols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let r = 0; r < m.nRows; r++) {
    const end = m.indptr[r + 1] ?? 0;
    for (let p = m.indptr[r] ?? 0; p < end; p++) {
      const c = m.indices[p] ?? 0;
      const q = next[c] ?? 0;
      indices[q] = r;
      values[q] = m.values[p] ?? 0;
      next[c] = q + 1;
    }
  }
  return { nRows: m.nCols, nCols: m.nRows, indptr, indices, values };
}

/** The rows `idx` of `m`, in that order. */
export function selectRows(m: Csr, idx: Int32Array): Csr {
  const indptr = new Int32Array(idx.length + 1);
  idx.forEach((r, i) => (indptr[i + 1] = (indptr[i] ?? 0) + ((m.indptr[r + 1] ?? 0) - (m.indptr[r] ?? 0))));
  const nnz = indptr[idx.length] ?? 0;
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  idx.forEach((r, i) => {
    const a = m.indptr[r] ?? 0;
    const b = m.indptr[r + 1] ?? 0;
    indices.set(m.indices.subarray(a, b), indptr[i] ?? 0);
    values.set(m.values.subarray(a, b), indptr[i] ?? 0);
  });
  return { nRows: idx.length, nCols: m.nCols, indptr, indices, values };
}

/** Dot product of row a of `x` with row b of `y` (merge of sorted index lists). */
export function rowDot(x: Csr, a: number, y: Csr, b: number): number {
  let p = x.indptr[a] ?? 0;
  const pe = x.indptr[a + 1] ?? 0;
  let q = y.indptr[b] ?? 0;
  const qe = y.indptr[b + 1] ?? 0;
  let s = 0;
  while (p < pe && q < qe) {
    const i = x.indices[p] ?? 0;
    const j = y.indices[q] ?? 0;
    if (i === j) {
      s += (x.values[p] ?? 0) * (y.values[q] ?? 0);
      p++;
      q++;
    } else if (i < j) p++;
    else q++;
  }
  return s;
}

/**
 * out (nRows x l, row-major) = m (nRows x nCols, sparse) * d (nCols x l, row-major).
 * Rows [from, to) only, so callers can split the work.
 */
export function spmmRows(
  m: Csr,
  d: Float32Array,
  l: number,
  out: Float64Array,
  from = 0,
  to = m.nRows,
): void {
  const { indptr, indices, values } = m;
  for (let r = from; r < to; r++) {
    const o = r * l;
    for (let t = 0; t < l; t++) out[o + t] = 0;
    const end = indptr[r + 1] ?? 0;
    let p = indptr[r] ?? 0;
    // Eight stored entries at a time: one load and store of the output row per eight products.
    for (; p + 7 < end; p += 8) {
      const v0 = values[p] ?? 0;
      const v1 = values[p + 1] ?? 0;
      const v2 = values[p + 2] ?? 0;
      const v3 = values[p + 3] ?? 0;
      const v4 = values[p + 4] ?? 0;
      const v5 = values[p + 5] ?? 0;
      const v6 = values[p + 6] ?? 0;
      const v7 = values[p + 7] ?? 0;
      const s0 = (indices[p] ?? 0) * l;
      const s1 = (indices[p + 1] ?? 0) * l;
      const s2 = (indices[p + 2] ?? 0) * l;
      const s3 = (indices[p + 3] ?? 0) * l;
      const s4 = (indices[p + 4] ?? 0) * l;
      const s5 = (indices[p + 5] ?? 0) * l;
      const s6 = (indices[p + 6] ?? 0) * l;
      const s7 = (indices[p + 7] ?? 0) * l;
      for (let t = 0; t < l; t++) {
        const a =
          v0 * (d[s0 + t] ?? 0) + v1 * (d[s1 + t] ?? 0) + (v2 * (d[s2 + t] ?? 0) + v3 * (d[s3 + t] ?? 0));
        const b =
          v4 * (d[s4 + t] ?? 0) + v5 * (d[s5 + t] ?? 0) + (v6 * (d[s6 + t] ?? 0) + v7 * (d[s7 + t] ?? 0));
        out[o + t] = (out[o + t] ?? 0) + (a + b);
      }
    }
    for (; p + 3 < end; p += 4) {
      const v0 = values[p] ?? 0;
      const v1 = values[p + 1] ?? 0;
      const v2 = values[p + 2] ?? 0;
      const v3 = values[p + 3] ?? 0;
      const s0 = (indices[p] ?? 0) * l;
      const s1 = (indices[p + 1] ?? 0) * l;
      const s2 = (indices[p + 2] ?? 0) * l;
      const s3 = (indices[p + 3] ?? 0) * l;
      for (let t = 0; t < l; t++) {
        out[o + t] =
          (out[o + t] ?? 0) +
          (v0 * (d[s0 + t] ?? 0) + v1 * (d[s1 + t] ?? 0) + (v2 * (d[s2 + t] ?? 0) + v3 * (d[s3 + t] ?? 0)));
      }
    }
    for (; p < end; p++) {
      const v = values[p] ?? 0;
      const src = (indices[p] ?? 0) * l;
      for (let t = 0; t < l; t++) out[o + t] = (out[o + t] ?? 0) + v * (d[src + t] ?? 0);
    }
  }
}
