// The part of jstat (a CommonJS package without bundled types) that a2psim uses.
declare module 'jstat' {
  const jstat: {
    jStat: {
      studentt: {
        /** The `p` quantile of Student's t with `dof` degrees of freedom. */
        inv(p: number, dof: number): number;
        /** P(T <= t) for Student's t with `dof` degrees of freedom. */
        cdf(t: number, dof: number): number;
      };
    };
  };
  export default jstat;
}
