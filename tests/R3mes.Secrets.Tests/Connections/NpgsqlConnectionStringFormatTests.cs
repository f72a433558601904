using R3mes.Secrets.Connections;

namespace R3mes.Secrets.Tests.Connections;

/// <summary>The exact text, so docs/connection-strings.md's quoting rules stay true (the real client is tested elsewhere).</summary>
public sealed class NpgsqlConnectionStringFormatTests
{
    [Theory]
    [InlineData("plain", "Password=plain")]
    [InlineData("semi;colon", "Password=\"semi;colon\"")]
    [InlineData("double\"quote", "Password='double\"quote'")]
    [InlineData("single'quote", "Password=\"single'quote\"")]
    [InlineData("both'and\"", "Password=\"both'and\"\"\"")]
    [InlineData(" outer ", "Password=\" outer \"")]
    public void Build_Password_QuotedAsAdoNetReadsIt(string password, string expected)
    {
        var text = NpgsqlConnectionString.Build("app", password, "db", 5432, "r3mes");

        Assert.Equal($"Host=db;Port=5432;Database=r3mes;Username=app;{expected}", text);
    }

    [Fact]
    public void Build_Ipv6Host_WrittenBare()
    {
        Assert.StartsWith("Host=::1;", NpgsqlConnectionString.Build("app", "pw", "[::1]", 5432, "r3mes"), StringComparison.Ordinal);
    }
}
