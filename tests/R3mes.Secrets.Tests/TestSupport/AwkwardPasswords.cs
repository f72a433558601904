namespace R3mes.Secrets.Tests.TestSupport;

/// <summary>Passwords that break naive connection strings: each separator, quote, space and non-ASCII.</summary>
internal static class AwkwardPasswords
{
    /// <summary>Accepted by both Npgsql and StackExchange.Redis strings.</summary>
    public static TheoryData<string> Common =>
    [
        "semi;colon",
        "single'quote",
        "double\"quote",
        "equals=sign==",
        "inner space",
        "ünïcødé-密码-🔑",
        "all;of'them\"at=once ü",
        "Password=evil;Host=attacker",
    ];
}
