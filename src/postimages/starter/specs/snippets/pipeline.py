import asyncio


async def fetch(source: str) -> dict:
    await asyncio.sleep(0.1)  # stands in for the network
    return {"source": source, "rows": 100}


async def main(sources: list[str]) -> list[dict]:
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(fetch(s)) for s in sources]
    return [task.result() for task in tasks]


if __name__ == "__main__":
    print(asyncio.run(main(["nse", "bse", "news"])))
