namespace R3mes.Sidecar.Plan;

public enum UpdatePolicy
{
    /// <summary>Write whenever the value changes.</summary>
    Always,

    /// <summary>Write only if the file is absent (validator keys: overwriting one risks a double sign).</summary>
    Never,
}
