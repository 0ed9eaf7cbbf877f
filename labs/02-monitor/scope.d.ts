/** Variables the cells of this lab share (declared for the type checker; the kernel keeps them). */
declare global {
  var endpointName: string;
}
export {};
