"""Fan each earnings filing out to 127 agents."""
import asyncio

from earnings.agents import Agent, Filing, Result

MAX_IN_FLIGHT = 16    # stay polite to BSE and NSE
AGENT_TIMEOUT = 30.0  # seconds, per agent


async def run_agent(agent: Agent, filing: Filing,
                    gate: asyncio.Semaphore) -> Result:
    async with gate:
        try:
            async with asyncio.timeout(AGENT_TIMEOUT):
                return await agent.run(filing)
        except TimeoutError:
            return Result.timed_out(agent.name)
        except Exception as exc:  # one bad agent ≠ a bad run
            return Result.failed(agent.name, exc)


async def orchestrate(filing: Filing,
                      agents: list[Agent]) -> list[Result]:
    gate = asyncio.Semaphore(MAX_IN_FLIGHT)
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(run_agent(a, filing, gate))
                 for a in agents]
    # The group exits once every agent is done ✅
    return [t.result() for t in tasks]
