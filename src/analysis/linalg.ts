/** Small dense linear algebra on row-major Float64Arrays; sizes are passed explicitly. */

/** G (l x l) = Y^T Y for Y (n x l). Only the upper triangle is accumulated, then mirrored. */
export function gram(y: Float64Array, n: number, l: number): Float64Array {
  const g = new Float64Array(l * l);
  for (let r = 0; r < n; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const yi = y[o + i] ?? 0;
      if (yi === 0) continue;
      const gi = i * l;
      for (let j = i; j < l; j++) g[gi + j] = (g[gi + j] ?? 0) + yi * (y[o + j] ?? 0);
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g[i * l + j] = g[j * l + i] ?? 0;
  return g;
}

/**
 * Orthonormalises the columns of Y (n x l) in place by Cholesky QR, twice (CholQR2: the second
 * pass repairs the precision the first loses on ill-conditioned input). Columns that are
 * (numerically) dependent on earlier ones become zero instead of failing.
 */
export function orthonormalize(y: Float64Array, n: number, l: number): void {
  for (let pass = 0; pass < 2; pass++) {
    const g = gram(y, n, l);
    let maxDiag = 0;
    for (let i = 0; i < l; i++) maxDiag = Math.max(maxDiag, g[i * l + i] ?? 0);
    const tol = maxDiag * 1e-12;
    const r = new Float64Array(l * l);
    const alive = new Uint8Array(l);
    for (let j = 0; j < l; j++) {
      let d = g[j * l + j] ?? 0;
      for (let k = 0; k < j; k++) d -= (r[k * l + j] ?? 0) ** 2;
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
    // Q = Y R^-1 with R^-1 formed once (upper triangular), so each row is a contiguous
    // vector x triangular-matrix product. Dead columns of R^-1 stay zero.
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
    const q = new Float64Array(l);
    for (let row = 0; row < n; row++) {
      const o = row * l;
      q.fill(0);
      for (let i = 0; i < l; i++) {
        const yi = y[o + i] ?? 0;
        if (yi === 0 || alive[i] === 0) continue;
        const ro = i * l;
        for (let j = i; j < l; j++) q[j] = (q[j] ?? 0) + yi * (rinv[ro + j] ?? 0);
      }
      y.set(q, o);
    }
  }
}

/** out (n x m) = A (n x l) * B (l x m). */
export function matmul(a: Float64Array, n: number, l: number, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let r = 0; r < n; r++) {
    const o = r * m;
    for (let t = 0; t < l; t++) {
      const v = a[r * l + t] ?? 0;
      if (v === 0) continue;
      const bo = t * m;
      for (let c = 0; c < m; c++) out[o + c] = (out[o + c] ?? 0) + v * (b[bo + c] ?? 0);
    }
  }
  return out;
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
