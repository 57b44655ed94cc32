async def f():
    [x async for x in y]
    {await x for x in y}
    (x async for x in aiter() if await x)
    return [i async for i in g() async for j in h()]
