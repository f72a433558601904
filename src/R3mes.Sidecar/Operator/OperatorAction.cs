using R3mes.Sidecar.Cli;

namespace R3mes.Sidecar.Operator;

/// <summary>Runs an operator command: an <see cref="OperatorException"/> becomes the one closing line and its exit code.</summary>
internal static class OperatorAction
{
    public static async Task<int> RunAsync(Func<Task> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            await body().ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OperatorException e)
        {
            return Fail.With(e.ExitCode, e.Message);
        }
    }

    public static Task<int> RunAsync(Action body) => RunAsync(() =>
    {
        body();
        return Task.CompletedTask;
    });
}
