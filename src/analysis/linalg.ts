/** Small dense linear algebra on row-major Float64Arrays; sizes are passed explicitly. */

/** Rows per chunk of `gram`: partial products of a fixed row split, summed in order. */
export const GRAM_CHUNK = 1024;

/**
 * G (l x l) = Y^T Y for Y (n x l). Rows are taken in fixed chunks of `GRAM_CHUNK` (see
 * `gramChunks`) whose partial products are summed in chunk order, so splitting the chunks over
 * threads gives the same bits.
 */
export function gram(y: Float64Array, n: number, l: number): Float64Array {
  const nChunks = gramChunkCount(n);
  const parts = new Float64Array(nChunks * l * l);
  gramChunks(y, n, l, 0, nChunks, parts);
  return sumChunks(parts, nChunks, l);
}

export function gramChunkCount(n: number): number {
  return Math.ceil(n / GRAM_CHUNK);
}

/** The l x l partials of `parts` (nChunks of them, back to back) summed in order. */
export function sumChunks(parts: Float64Array, nChunks: number, l: number): Float64Array {
  const g = new Float64Array(l * l);
  for (let c = 0; c < nChunks; c++) {
    const o = c * l * l;
    for (let i = 0; i < g.length; i++) g[i] = (g[i] ?? 0) + (parts[o + i] ?? 0);
  }
  return g;
}

/**
 * Partial products Y^T Y of the row chunks [from, to) (chunk c = rows [c * GRAM_CHUNK, ...))
 * into parts[c * l * l ...], each a full l x l square. Each chunk is transposed first so every
 * entry is a contiguous dot product.
 */
export function gramChunks(
  y: Float64Array,
  n: number,
  l: number,
  from: number,
  to: number,
  parts: Float64Array,
): void {
  const t = new Float64Array(Math.min(n, GRAM_CHUNK) * l);
  for (let c = from; c < to; c++) {
    const first = c * GRAM_CHUNK;
    const m = Math.min(n, first + GRAM_CHUNK) - first;
    // Column-major copy of the chunk: column i is t[i * m .. (i + 1) * m).
    for (let r = 0; r < m; r++) {
      const o = (first + r) * l;
      for (let i = 0; i < l; i++) t[i * m + r] = y[o + i] ?? 0;
    }
    const po = c * l * l;
    for (let i = 0; i < l; i++) {
      const io = i * m;
      let j = i;
      // Four columns at once: each load of column i feeds four independent sums.
      for (; j + 3 < l; j += 4) {
        const o0 = j * m;
        const o1 = o0 + m;
        const o2 = o1 + m;
        const o3 = o2 + m;
        let s0 = 0;
        let s1 = 0;
        let s2 = 0;
        let s3 = 0;
        for (let r = 0; r < m; r++) {
          const a = t[io + r] ?? 0;
          s0 += a * (t[o0 + r] ?? 0);
          s1 += a * (t[o1 + r] ?? 0);
          s2 += a * (t[o2 + r] ?? 0);
          s3 += a * (t[o3 + r] ?? 0);
        }
        parts[po + i * l + j] = s0;
        parts[po + i * l + j + 1] = s1;
        parts[po + i * l + j + 2] = s2;
        parts[po + i * l + j + 3] = s3;
      }
      for (; j < l; j++) {
        const o0 = j * m;
        let s = 0;
        for (let r = 0; r < m; r++) s += (t[io + r] ?? 0) * (t[o0 + r] ?? 0);
        parts[po + i * l + j] = s;
      }
    }
    for (let i = 0; i < l; i++)
      for (let j = 0; j < i; j++) parts[po + i * l + j] = parts[po + j * l + i] ?? 0;
  }
}

/**
 * Orthonormalises the columns of Y (n x l) in place by Cholesky QR, repeated once when the
 * first pass may have lost precision (CholQR2: the second pass repairs what the first loses on
 * ill-conditioned input). Columns that are (numerically) dependent on earlier ones become zero
 * instead of failing.
 */
export function orthonormalize(y: Float64Array, n: number, l: number): void {
  for (let pass = 0; pass < 2; pass++) {
    // Q = Y R^-1 with R the Cholesky factor of Y^T Y.
    const c = cholInverse(gram(y, n, l), l);
    multiplyUpperRows(y, l, upperTransposed(c.rinv, l), 0, n);
    if (c.wellConditioned) break;
  }
}

/**
 * Smallest pivot of a Cholesky factorisation, relative to the largest diagonal entry, above
 * which one Cholesky QR pass is orthogonal to ~1e-10 (its error grows like eps x cond(Y)^2).
 */
const ONE_PASS_PIVOT = 1e-6;

/**
 * R^-1 for the Cholesky factor R (upper triangular, G = R^T R) of a Gram matrix G (l x l).
 * Columns whose remaining norm is (numerically) zero are dead: their rows and columns of R^-1
 * stay zero, so they come out as zero columns. `wellConditioned`: no dead column and every
 * pivot above ONE_PASS_PIVOT x the largest diagonal entry, so one pass is orthogonal enough.
 */
export function cholInverse(g: Float64Array, l: number): { rinv: Float64Array; wellConditioned: boolean } {
  let maxDiag = 0;
  for (let i = 0; i < l; i++) maxDiag = Math.max(maxDiag, g[i * l + i] ?? 0);
  const tol = maxDiag * 1e-12;
  const r = new Float64Array(l * l);
  const alive = new Uint8Array(l);
  let wellConditioned = maxDiag > 0;
  for (let j = 0; j < l; j++) {
    let d = g[j * l + j] ?? 0;
    for (let k = 0; k < j; k++) d -= (r[k * l + j] ?? 0) ** 2;
    if (d < maxDiag * ONE_PASS_PIVOT) wellConditioned = false;
    if (d <= tol) continue;
    alive[j] = 1;
    const rjj = Math.sqrt(d);
    r[j * l + j] = rjj;
    for (let c = j + 1; c < l; c++) {
      let s = g[j * l + c] ?? 0;
      for (let k = 0; k < j; k++) s -= (r[k * l + j] ?? 0) * (r[k * l + c] ?? 0);
      r[j * l + c] = s / rjj;
    }
  }
  const rinv = new Float64Array(l * l);
  for (let j = 0; j < l; j++) {
    if (alive[j] === 0) continue;
    rinv[j * l + j] = 1 / (r[j * l + j] ?? 1);
    for (let i = j - 1; i >= 0; i--) {
      if (alive[i] === 0) continue;
      let s = 0;
      for (let t = i + 1; t <= j; t++) s += (r[i * l + t] ?? 0) * (rinv[t * l + j] ?? 0);
      rinv[i * l + j] = -s / (r[i * l + i] ?? 1);
    }
  }
  return { rinv, wellConditioned };
}

/** U^T (row-major) of an upper-triangular U: column j of U is the contiguous ut[j * l .. j * l + j]. */
export function upperTransposed(u: Float64Array, l: number): Float64Array {
  const ut = new Float64Array(l * l);
  for (let i = 0; i < l; i++) for (let j = i; j < l; j++) ut[j * l + i] = u[i * l + j] ?? 0;
  return ut;
}

/** Rows [from, to) of Y (n x l) := Y U in place, given `ut` = U^T of an upper-triangular U. */
export function multiplyUpperRows(
  y: Float64Array,
  l: number,
  ut: Float64Array,
  from: number,
  to: number,
): void {
  const q = new Float64Array(l);
  for (let row = from; row < to; row++) {
    const o = row * l;
    let j = 0;
    for (; j + 3 < l; j += 4) {
      // Columns j..j+3 read Y[row][0..j+3]; entries past a column's diagonal are zero in ut.
      const u0 = j * l;
      const u1 = u0 + l;
      const u2 = u1 + l;
      const u3 = u2 + l;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      const end = j + 4;
      for (let i = 0; i < end; i++) {
        const a = y[o + i] ?? 0;
        s0 += a * (ut[u0 + i] ?? 0);
        s1 += a * (ut[u1 + i] ?? 0);
        s2 += a * (ut[u2 + i] ?? 0);
        s3 += a * (ut[u3 + i] ?? 0);
      }
      q[j] = s0;
      q[j + 1] = s1;
      q[j + 2] = s2;
      q[j + 3] = s3;
    }
    for (; j < l; j++) {
      const u0 = j * l;
      let s = 0;
      for (let i = 0; i <= j; i++) s += (y[o + i] ?? 0) * (ut[u0 + i] ?? 0);
      q[j] = s;
    }
    y.set(q, o);
  }
}

/** out (n x m) = A (n x l) * B (l x m). */
export function matmul(a: Float64Array, n: number, l: number, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(n * m);
  matmulRows(a, l, transposeDense(b, l, m), m, out, 0, n);
  return out;
}

/** B^T (m x l) of a row-major B (l x m). */
export function transposeDense(b: Float64Array, l: number, m: number): Float64Array {
  const bt = new Float64Array(l * m);
  for (let t = 0; t < l; t++) for (let c = 0; c < m; c++) bt[c * l + t] = b[t * m + c] ?? 0;
  return bt;
}

/**
 * Rows [from, to) of A (n x l) * B, given B^T (m x l): each entry is a contiguous dot product,
 * four columns at a time so each load of A's row feeds four independent sums.
 */
export function matmulRows(
  a: Float64Array,
  l: number,
  bt: Float64Array,
  m: number,
  out: Float64Array,
  from: number,
  to: number,
): void {
  for (let r = from; r < to; r++) {
    const ao = r * l;
    const o = r * m;
    let c = 0;
    for (; c + 3 < m; c += 4) {
      const b0 = c * l;
      const b1 = b0 + l;
      const b2 = b1 + l;
      const b3 = b2 + l;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let t = 0; t < l; t++) {
        const v = a[ao + t] ?? 0;
        s0 += v * (bt[b0 + t] ?? 0);
        s1 += v * (bt[b1 + t] ?? 0);
        s2 += v * (bt[b2 + t] ?? 0);
        s3 += v * (bt[b3 + t] ?? 0);
      }
      out[o + c] = s0;
      out[o + c + 1] = s1;
      out[o + c + 2] = s2;
      out[o + c + 3] = s3;
    }
    for (; c < m; c++) {
      const b0 = c * l;
      let s = 0;
      for (let t = 0; t < l; t++) s += (a[ao + t] ?? 0) * (bt[b0 + t] ?? 0);
      out[o + c] = s;
    }
  }
}

/**
 * Eigen-decomposition of a symmetric l x l matrix by cyclic Jacobi rotations.
 * Returns eigenvalues in decreasing order and eigenvectors as the columns of `vectors`
 * (row-major l x l: vectors[r * l + i] is component r of eigenvector i).
 */
export function symmetricEigen(s: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(s);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < l; i++) {
      diag += (a[i * l + i] ?? 0) ** 2;
      for (let j = i + 1; j < l; j++) off += (a[i * l + j] ?? 0) ** 2;
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q] ?? 0;
        if (Math.abs(apq) < 1e-300) continue;
        const app = a[p * l + p] ?? 0;
        const aqq = a[q * l + q] ?? 0;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p] ?? 0;
          const akq = a[k * l + q] ?? 0;
          a[k * l + p] = c * akp - sn * akq;
          a[k * l + q] = sn * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k] ?? 0;
          const aqk = a[q * l + k] ?? 0;
          a[p * l + k] = c * apk - sn * aqk;
          a[q * l + k] = sn * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p] ?? 0;
          const vkq = v[k * l + q] ?? 0;
          v[k * l + p] = c * vkp - sn * vkq;
          v[k * l + q] = sn * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: l }, (_, i) => i).sort(
    (x, y) => (a[y * l + y] ?? 0) - (a[x * l + x] ?? 0),
  );
  const values = new Float64Array(l);
  const vectors = new Float64Array(l * l);
  order.forEach((src, dst) => {
    values[dst] = a[src * l + src] ?? 0;
    for (let r = 0; r < l; r++) vectors[r * l + dst] = v[r * l + src] ?? 0;
  });
  return { values, vectors };
}
