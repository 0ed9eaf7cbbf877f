/** Variables the cells of this lab share (declared for the type checker; the kernel keeps them). */
declare global {
  var workteamArn: string;
  var taskUiArn: string;
  var labelingJobName: string;
  var outputManifest: string;
}
export {};
