"""Module doc."""
def f():
    '''Function doc.'''
class C:
    r"""Raw doc \n."""
