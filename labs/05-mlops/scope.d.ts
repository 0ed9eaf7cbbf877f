/** Variables the cells of this lab share (declared for the type checker; the kernel keeps them). */
declare global {
  var groupName: string;
  var pipelineName: string;
}
export {};
