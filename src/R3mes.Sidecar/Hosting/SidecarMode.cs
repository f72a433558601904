namespace R3mes.Sidecar.Hosting;

/// <summary>Which command is running; decides which loops and endpoints the host gets.</summary>
internal enum SidecarMode
{
    Check,
    Once,
    Run,
    Exec,
}
