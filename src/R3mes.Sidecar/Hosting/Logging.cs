using Microsoft.Extensions.Logging.Console;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Hosting;

/// <summary>Console logs on stderr (stdout stays for <c>check</c>), text or JSON, at the configured level.</summary>
internal static class Logging
{
    public static void Configure(ILoggingBuilder logging, LogSpec spec)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(spec.Level);
        logging.AddFilter("Microsoft", spec.Level < LogLevel.Warning ? LogLevel.Warning : spec.Level);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        if (spec.Json)
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = false;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                o.UseUtcTimestamp = true;
            });
        }

        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
