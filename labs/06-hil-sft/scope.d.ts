/** Variables the cells of this lab share (declared for the type checker; the kernel keeps them). */
declare global {
  var workteamArn: string;
  /** s3:// URI of the worker task template (UiConfig.UiTemplateS3Uri). */
  var templateUri: string;
  /** The labeling job's LabelAttributeName: the key of every answer in the output manifest. */
  var labelAttribute: string;
  var labelingJobName: string;
  var outputManifest: string;
}
export {};
