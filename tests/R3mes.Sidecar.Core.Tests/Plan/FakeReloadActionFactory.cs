using R3mes.Sidecar.Actions;

namespace R3mes.Sidecar.Core.Tests.Plan;

/// <summary>An action kind for plan tests: accepts its kind key and <paramref name="optionKeys"/>, makes a recording action.</summary>
internal sealed class FakeReloadActionFactory(string kind, params string[] optionKeys) : IReloadActionFactory
{
    public string Kind => kind;

    public IReadOnlyCollection<string> OptionKeys => optionKeys;

    public IReloadAction? Create(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Section[kind] is "invalid")
        {
            context.Errors.Add($"{context.Path}.{kind}", "fake factory refuses 'invalid'");
            return null;
        }

        return new FakeReloadAction($"{kind} {context.Name}");
    }
}
