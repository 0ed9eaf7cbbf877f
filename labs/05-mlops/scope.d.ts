/** Variables the cells of this lab share (declared for the type checker; the kernel keeps them). */
declare global {
  var groupName: string;
  var pipelineName: string;
  /** s3:// URI of the evaluation script the pipeline's Processing steps receive as their `code` input. */
  var evaluationCode: string;
}
export {};
