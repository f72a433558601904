using R3mes.Sidecar.Aws.Agent;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// Where the token comes from, as AWS's agent reads it: aws/aws-secretsmanager-agent aws_secretsmanager_agent/src/config.rs
/// (DEFAULT_SSRF_ENV_VARIABLES: AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN) and utils.rs get_token
/// (a value <c>file://PATH</c> is read from that file, trimmed).
/// </summary>
public sealed class AgentTokenTests
{
    private static string NoFile(string path) => throw new FileNotFoundException("no file", path);

    [Fact]
    public void EnvSource_MatchesOnlyTheExactValue()
    {
        var token = AgentToken.Load("env:MY_TOKEN", n => n == "MY_TOKEN" ? "abc123" : null, NoFile);

        Assert.True(token.Matches("abc123"));
        Assert.False(token.Matches("abc1234"));
        Assert.False(token.Matches("abc12"));
        Assert.False(token.Matches("ABC123"));
        Assert.False(token.Matches(""));
        Assert.False(token.Matches(null));
    }

    [Fact]
    public void FileSource_ReadsTheTrimmedFile()
    {
        using var workspace = new TempWorkspace();
        var path = Path.Combine(workspace.Root, "token");
        File.WriteAllText(path, "from-file\n");

        var token = AgentToken.Load("file://" + path, _ => null, File.ReadAllText);

        Assert.True(token.Matches("from-file"));
    }

    [Fact]
    public void EnvValueThatIsAFileReference_ReadsTheFile_AsGetTokenDoes()
    {
        var token = AgentToken.Load("env:T", n => n == "T" ? "file:///run/token" : null, p => p == "/run/token" ? " tok \n" : NoFile(p));

        Assert.True(token.Matches("tok"));
        Assert.False(token.Matches("file:///run/token"));
    }

    [Fact]
    public void NoSource_TakesTheFirstOfAwsDefaultVariables()
    {
        var both = new Dictionary<string, string> { ["AWS_SESSION_TOKEN"] = "session", ["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "container" };
        Assert.True(AgentToken.Load(null, n => both.GetValueOrDefault(n), NoFile).Matches("session"));

        both["AWS_TOKEN"] = "first";
        Assert.True(AgentToken.Load(null, n => both.GetValueOrDefault(n), NoFile).Matches("first"));
    }

    [Fact]
    public void MissingOrEmptyToken_RefusesToStart_NamingTheSource()
    {
        var missing = Assert.Throws<AgentTokenException>(() => AgentToken.Load("env:MY_TOKEN", _ => null, NoFile));
        Assert.Contains("no token in MY_TOKEN", missing.Message, StringComparison.Ordinal);

        var empty = Assert.Throws<AgentTokenException>(() => AgentToken.Load("env:MY_TOKEN", _ => "", NoFile));
        Assert.Contains("will not start", empty.Message, StringComparison.Ordinal);

        var none = Assert.Throws<AgentTokenException>(() => AgentToken.Load(null, _ => null, NoFile));
        Assert.Contains("AWS_TOKEN, AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN", none.Message, StringComparison.Ordinal);

        var blankFile = Assert.Throws<AgentTokenException>(() => AgentToken.Load("file:///run/token", _ => null, _ => "  \n"));
        Assert.Contains("/run/token", blankFile.Message, StringComparison.Ordinal);

        var unreadable = Assert.Throws<AgentTokenException>(() => AgentToken.Load("file:///run/none", _ => null, NoFile));
        Assert.Contains("cannot read the token file /run/none", unreadable.Message, StringComparison.Ordinal);
    }
}
