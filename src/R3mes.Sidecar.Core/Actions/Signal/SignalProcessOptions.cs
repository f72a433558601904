namespace R3mes.Sidecar.Actions.Signal;

/// <summary><c>process: { pidfile: /run/app/backend.pid }</c> or <c>process: { name: nginx }</c> of a signal action.</summary>
internal sealed class SignalProcessOptions
{
    public static readonly string[] Keys = ["pidfile", "name"];

    public string? Pidfile { get; set; }

    public string? Name { get; set; }
}
