using R3mes.Sidecar.Cli;

return await SidecarCli.RunAsync(args).ConfigureAwait(false);
