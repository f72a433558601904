namespace R3mes.Sidecar.Operator.Catalog;

/// <summary>One R3MES secret: its name (the file <c>NAME.txt</c>), how it is made, and for a generated one its length and alphabet.</summary>
internal sealed record R3mesSecret(string Name, SecretKind Kind, int Length = 0, string Alphabet = "")
{
    public string FileName => Name + ".txt";

    public string PreviousFileName => Name + ".prev";

    /// <summary>The variable the R3MES guide's <c>.env</c> held it in (<c>JWT_SECRET</c>).</summary>
    public string EnvironmentVariable => Name.ToUpperInvariant();
}
